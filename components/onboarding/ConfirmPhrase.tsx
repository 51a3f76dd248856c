import { type FormEvent, useMemo, useState } from 'react'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'
import { pickWordPositions, wordsMatch } from './pickWords.js'

type ConfirmPhraseProps = {
  words: string[]
  onConfirmed(): void
  /** Shows the phrase again. */
  onBack(): void
}

/** Asks for three words of the phrase, by position, before the wallet opens. */
export function ConfirmPhrase({ words, onConfirmed, onBack }: ConfirmPhraseProps) {
  const positions = useMemo(() => pickWordPositions(words.length), [words])
  const [answers, setAnswers] = useState<Record<number, string>>({})
  const [error, setError] = useState<string>()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const complete = positions.every((p) => (answers[p] ?? '').trim() !== '')
    if (!complete) return setError('Type all three words.')
    if (!wordsMatch(words, answers)) {
      return setError('A word does not match. Check your paper, or go back to see the phrase.')
    }
    onConfirmed()
  }
  return (
    <form onSubmit={submit} className="stack" data-testid="confirm-phrase">
      <p className="hint">Type these words of your phrase to show you have it.</p>
      {positions.map((position) => (
        <Field key={position} label={`Word ${position + 1}`}>
          <input
            autoComplete="off"
            spellCheck={false}
            value={answers[position] ?? ''}
            onChange={(e) => setAnswers({ ...answers, [position]: e.target.value })}
            data-testid={`confirm-word-${position + 1}`}
          />
        </Field>
      ))}
      <ErrorText error={error} />
      <div className="row">
        <button type="button" onClick={onBack} data-testid="confirm-back">
          Show the phrase
        </button>
        <button type="submit" className="primary" data-testid="confirm-submit">
          Confirm
        </button>
      </div>
    </form>
  )
}
