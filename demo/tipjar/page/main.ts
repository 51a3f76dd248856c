/**
 * The creator's page: connect, allow one-click tips with
 * `zkpay_requestAllowance`, tip with `zkpay_tip` (no window while inside the
 * allowance), and watch the jar's total, which the server keeps from
 * receipts it verified on chain.
 *
 * data-testid, for browser tests:
 *   creator-name       "Support <name>"
 *   creator-about      one line about the creator
 *   creator-address    the creator's shielded address
 *   provider-status    whether zkpay is here, connected or not
 *   install-help       shown when there is no window.zkpay
 *   connect-button     "Connect" (zkpay_connect)
 *   disconnect-button  "Disconnect" (zkpay_disconnect), shown when connected
 *   connected-address  the connected address, shortened
 *   tip-total          the jar's total, e.g. "1.5 zUSD"
 *   tip-count          how many tips (a number)
 *   tip-count-label    "tip" or "tips"
 *   tip-buttons        the tip buttons' row
 *   tip-<amount>       one tip button: tip-0.5, tip-1, tip-2
 *   allow-button       "Allow one-click tips" (zkpay_requestAllowance 5 per day)
 *   allowance-status   what is left of the allowance and when it resets
 *   tip-status         the current step in words
 *   tip-error          the last failure with its code, e.g. "Rejected (4001): …"
 *   last-settled       the last tip the provider's paymentSettled event reported
 *   no-tips            "No tips yet."
 *   recent-tips        the latest tips, newest first (<li> each)
 */
import { formatAmount } from '../../../lib/amount.js'
import { api } from '../../shared/page/api.js'
import { connectedAddress, ensureConnected } from '../../shared/page/connect.js'
import { describeError } from '../../shared/page/describeError.js'
import { byTestId, setLine, shortAddress, shortHash } from '../../shared/page/dom.js'
import {
  type Allowance,
  clientOf,
  findProvider,
  on,
  request,
  type ZkpayProvider,
} from '../../shared/page/zkpay.js'
import { allowanceFor, describeAllowance, fitsAllowance } from './allowance.js'

type JarConfig = {
  chainId: number
  pool: string
  token: string
  symbol: string
  decimals: number
  creatorAddress: string
  creatorName: string
  about: string
  tipAmounts: string[]
  allowance: { amount: string; period: Allowance['period'] }
}

type Tips = {
  total: string
  count: number
  recent: { amount: string; txHash: string; blockNumber: string; at: number }[]
}

/** How often the page reads the jar's total, for tips from other visitors. */
const REFRESH_MS = 10_000

const providerStatus = byTestId('provider-status')
const connectButton = byTestId<HTMLButtonElement>('connect-button')
const disconnectButton = byTestId<HTMLButtonElement>('disconnect-button')
const allowButton = byTestId<HTMLButtonElement>('allow-button')
const tipStatus = byTestId('tip-status')
const tipError = byTestId('tip-error')

async function main() {
  let config: JarConfig
  let provider: ZkpayProvider | undefined
  try {
    ;[config, provider] = await Promise.all([api<JarConfig>('/api/config'), findProvider()])
  } catch (error) {
    setLine(
      tipError,
      `The tip jar is not answering. ${describeError(error, 'the tip jar')}`,
      'error',
    )
    return
  }
  document.title = `Support ${config.creatorName} · zkpay demo tip jar`
  byTestId('creator-name').textContent = `Support ${config.creatorName}`
  byTestId('creator-about').textContent = config.about
  byTestId('creator-address').textContent = config.creatorAddress
  const tipButtons = config.tipAmounts.map((amount) => {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'primary'
    button.dataset.testid = `tip-${amount}`
    button.textContent = `Tip ${amount} ${config.symbol}`
    button.disabled = true
    byTestId('tip-buttons').append(button)
    return { amount, button }
  })
  await refreshTips(config)
  setInterval(() => void refreshTips(config), REFRESH_MS)

  if (!provider) {
    setLine(providerStatus, 'zkpay is not installed: tipping needs it.', 'error')
    byTestId('install-help').hidden = false
    return
  }
  const wallet = provider
  const jar = createJar(wallet, config)
  connectButton.addEventListener('click', () => void jar.connect())
  disconnectButton.addEventListener('click', () => void jar.disconnect())
  allowButton.addEventListener('click', () => void jar.allow())
  for (const { amount, button } of tipButtons)
    button.addEventListener('click', () => void jar.tip(amount))
  on(wallet, 'connect', () => void jar.refresh())
  on(wallet, 'disconnect', () => jar.showAddress(undefined))
  on(wallet, 'paymentSettled', ({ method, receipt }) => {
    if (method !== 'zkpay_tip') return
    const amount = formatAmount(BigInt(receipt.amount), config.decimals)
    setLine(
      byTestId('last-settled'),
      `Last settled tip: ${amount} ${config.symbol} in block ${receipt.blockNumber} (tx ${shortHash(receipt.txHash)}).`,
      'ok',
    )
  })
  const enable = (enabled: boolean) => {
    connectButton.disabled = !enabled
    allowButton.disabled = !enabled
    for (const { button } of tipButtons) button.disabled = !enabled
  }
  jar.onBusy((busy) => enable(!busy))
  enable(true)
  await jar.refresh()
}

/** The wallet side of the page: connection, allowance and tips, one request at a time. */
function createJar(provider: ZkpayProvider, config: JarConfig) {
  let address: string | undefined
  let allowance: Allowance | undefined
  let busyListener: (busy: boolean) => void = () => {}
  const step = (text: string) => setLine(tipStatus, text, 'busy')

  function showAddress(value: string | undefined) {
    address = value
    byTestId('connected-address').textContent = value ? shortAddress(value) : 'nobody yet'
    byTestId('connected-address').title = value ?? ''
    connectButton.hidden = value !== undefined
    disconnectButton.hidden = value === undefined
    setLine(
      providerStatus,
      value ? 'zkpay is connected to this page.' : 'zkpay is here; this page is not connected.',
    )
    if (!value) showAllowance(undefined)
  }

  function showAllowance(value: Allowance | undefined) {
    allowance = value
    setLine(byTestId('allowance-status'), describeAllowance(value, config))
  }

  async function loadAllowance() {
    showAllowance(allowanceFor(await request(provider, 'zkpay_allowances'), config.token))
  }

  /** Runs one user action: buttons off meanwhile, its failure shown with its code. */
  async function run(action: () => Promise<void>) {
    busyListener(true)
    setLine(tipError, '')
    try {
      await action()
    } catch (error) {
      setLine(tipStatus, '')
      setLine(tipError, describeError(error, 'the tip jar'), 'error')
    } finally {
      busyListener(false)
    }
  }

  const connect = async () => {
    step('Waiting for you to connect this page in the zkpay window…')
    showAddress(await ensureConnected(provider, config.chainId))
    await loadAllowance()
    setLine(tipStatus, '')
  }

  return {
    showAddress,
    onBusy(listener: (busy: boolean) => void) {
      busyListener = listener
    },
    refresh: () =>
      run(async () => {
        showAddress(await connectedAddress(provider))
        if (address) await loadAllowance()
      }),
    connect: () => run(connect),
    disconnect: () =>
      run(async () => {
        await request(provider, 'zkpay_disconnect')
        showAddress(undefined)
      }),
    allow: () =>
      run(async () => {
        if (!address) await connect()
        const { amount, period } = config.allowance
        step(
          `Waiting for your approval in zkpay: one-click tips up to ${amount} ${config.symbol} per ${period}…`,
        )
        showAllowance(
          await request(provider, 'zkpay_requestAllowance', {
            token: config.token,
            amount,
            period,
          }),
        )
        setLine(tipStatus, 'One-click tips are on.', 'ok')
      }),
    tip: (amount: string) =>
      run(async () => {
        if (!address) await connect()
        step(
          fitsAllowance(allowance, amount, config.decimals)
            ? `Sending a ${amount} ${config.symbol} tip inside your allowance (no window, unless its fee is high)…`
            : `Waiting for your approval in zkpay: a ${amount} ${config.symbol} tip…`,
        )
        const receipt = await clientOf(provider).tip({
          to: config.creatorAddress,
          amount,
          token: config.token,
          memo: 'tip',
        })
        step(
          `Settled in block ${receipt.blockNumber}. Handing the receipt to ${config.creatorName}…`,
        )
        const totals = await api<{ total: string; count: number }>('/api/tips', { receipt })
        showTotals(totals, config)
        setLine(
          tipStatus,
          `Thank you! Your ${amount} ${config.symbol} tip was verified by ${config.creatorName} (block ${receipt.blockNumber}).`,
          'ok',
        )
        await Promise.all([loadAllowance(), refreshTips(config)])
      }),
  }
}

function showTotals(totals: { total: string; count: number }, config: JarConfig) {
  byTestId('tip-total').textContent = `${totals.total} ${config.symbol}`
  byTestId('tip-count').textContent = String(totals.count)
  byTestId('tip-count-label').textContent = totals.count === 1 ? 'tip' : 'tips'
}

async function refreshTips(config: JarConfig) {
  const tips = await api<Tips>('/api/tips').catch(() => undefined)
  if (!tips) return
  showTotals(tips, config)
  byTestId('no-tips').hidden = tips.count > 0
  byTestId('recent-tips').replaceChildren(
    ...tips.recent.map((tip) => {
      const li = document.createElement('li')
      li.textContent = `${tip.amount} ${config.symbol} · block ${tip.blockNumber} · ${new Date(tip.at).toLocaleTimeString()} · tx ${shortHash(tip.txHash)}`
      return li
    }),
  )
}

void main()
