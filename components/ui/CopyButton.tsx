import { Check, Copy } from 'lucide-react'
import { useState } from 'react'

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({
  text,
  testId,
  label = 'Copy',
}: {
  text: string
  testId: string
  label?: string
}) {
  const [copied, setCopied] = useState<'yes' | 'failed'>()
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
    setTimeout(() => setCopied(undefined), 1500)
  }
  return (
    <button type="button" onClick={copy} data-testid={testId}>
      {copied === 'yes' ? <Check size={16} aria-hidden /> : <Copy size={16} aria-hidden />}
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed: select and copy' : label}
    </button>
  )
}
