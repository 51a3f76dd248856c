import type { ReactNode } from 'react'
import type { TokenBalance } from '../../background/messages.js'
import type { TxRun } from '../hooks/useTxRun.js'
import { Screen } from '../ui/Screen.js'
import { Spinner } from '../ui/Spinner.js'
import { TxProgress } from './TxProgress.js'

type TxScreenProps = {
  title: string
  testId: string
  onBack(): void
  /** The chosen token's balance; until it is read, a spinner. */
  balance: TokenBalance | undefined
  tx: TxRun
  /** What the settled message says happened, e.g. "Sent 5 zUSD". */
  doneText: string
  /** The form, once the balance is known and no transaction runs. */
  children: (balance: TokenBalance) => ReactNode
}

/** A screen that starts a transaction: the form, then its progress until it ends. */
export function TxScreen({
  title,
  testId,
  onBack,
  balance,
  tx,
  doneText,
  children,
}: TxScreenProps) {
  if (!balance)
    return (
      <Screen title={title} onBack={onBack} testId={testId}>
        <Spinner label="Reading balances…" />
      </Screen>
    )
  if (tx.phase !== 'idle')
    return (
      <Screen title={title} testId={testId}>
        <TxProgress tx={tx} doneText={doneText} onDone={onBack} />
      </Screen>
    )
  return (
    <Screen title={title} onBack={onBack} testId={testId}>
      {children(balance)}
    </Screen>
  )
}
