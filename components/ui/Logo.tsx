/** The zkpay mark (public/logo.svg): a shield with a Z. Decorative unless `label` is given. */
export function Logo({ size = 28, label }: { size?: number; label?: string }) {
  return (
    <svg
      className="logo"
      width={size}
      height={size}
      viewBox="0 0 128 128"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      <defs>
        <linearGradient id="zkpay-logo-bg" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#4f5bff" />
          <stop offset="1" stopColor="#7b2ff7" />
        </linearGradient>
      </defs>
      <rect width="128" height="128" rx="28" fill="url(#zkpay-logo-bg)" />
      <path
        d="M64 18 L102 32 V62 C102 86 86 103 64 111 C42 103 26 86 26 62 V32 Z"
        fill="none"
        stroke="#fff"
        strokeWidth="9"
        strokeLinejoin="round"
      />
      <path
        d="M46 48 H82 L48 82 H84"
        fill="none"
        stroke="#fff"
        strokeWidth="10"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
