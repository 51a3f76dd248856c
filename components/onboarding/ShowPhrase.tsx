import { useState } from 'react'

/** The recovery phrase, shown once, with what it means. */
export function ShowPhrase({ words, onNext }: { words: string[]; onNext(): void }) {
  const [written, setWritten] = useState(false)
  return (
    <div className="stack">
      <p className="warning" data-testid="phrase-warning">
        Write these {words.length} words down on paper, in order. They are the only way to recover
        this wallet. Anyone who sees them can spend everything in it. They are shown only now.
      </p>
      <ol className="phrase" data-testid="phrase">
        {words.map((word, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a phrase may repeat a word; the position is its identity
          <li key={i} data-testid={`phrase-word-${i + 1}`}>
            {word}
          </li>
        ))}
      </ol>
      <label className="check">
        <input
          type="checkbox"
          checked={written}
          onChange={(e) => setWritten(e.target.checked)}
          data-testid="phrase-written"
        />
        I wrote the words down.
      </label>
      <button
        type="button"
        className="primary"
        disabled={!written}
        onClick={onNext}
        data-testid="phrase-next"
      >
        Continue
      </button>
    </div>
  )
}
