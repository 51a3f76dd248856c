/** Who the demo tip jar is for: text on the page, nothing more. */
export const creator = Object.freeze({
  name: 'Ada Quill',
  about: 'Draws a comic a week about a moth who learns cryptography.',
})

/**
 * The one-click tip amounts, in token units. Each is large enough that its
 * relayer fee stays under the wallet's fee ceiling for a silent tip (5 % of
 * the tip by default): with `npm start`'s relayers (about 0.01 zUSD a
 * payment) that takes a tip of 0.2 or more; a smaller one would open a
 * window every time.
 */
export const tipAmounts = Object.freeze(['0.5', '1', '2'])

/**
 * The allowance the page asks for: this much per period, then a window
 * again. It counts each tip and its fee, so 5 fits a few tips of each size.
 */
export const allowanceRequest = Object.freeze({ amount: '5', period: 'day' })
