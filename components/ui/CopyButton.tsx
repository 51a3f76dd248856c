import { useState } from 'react'

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, testId }: { text: string; testId: string }) {
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
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed: select and copy' : 'Copy'}
    </button>
  )
}
