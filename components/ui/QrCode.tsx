import { useMemo } from 'react'
import { encode } from 'uqr'

/**
 * `text` as a QR code in SVG: one path of dark modules with a quiet zone.
 * Shielded addresses are encoded in uppercase, which QR stores in its denser
 * alphanumeric mode (and `decodeAddress` accepts).
 */
export function QrCode({
  text,
  size = 200,
  testId,
}: {
  text: string
  size?: number
  testId: string
}) {
  const { path, modules } = useMemo(() => {
    const qr = encode(text, { ecc: 'M', border: 2 })
    const parts: string[] = []
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) parts.push(`M${x} ${y}h1v1h-1z`)
      })
    })
    return { path: parts.join(''), modules: qr.size }
  }, [text])
  return (
    <svg
      viewBox={`0 0 ${modules} ${modules}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      role="img"
      aria-label="QR code of the address"
      data-testid={testId}
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
