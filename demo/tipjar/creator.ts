/** Who the demo tip jar is for: text on the page, nothing more. */
export const creator = Object.freeze({
  name: 'Ada Quill',
  about: 'Draws a comic a week about a moth who learns cryptography.',
})

/** The one-click tip amounts, in token units. */
export const tipAmounts = Object.freeze(['0.01', '0.05', '0.25'])

/** The allowance the page asks for: this much per period, then a window again. */
export const allowanceRequest = Object.freeze({ amount: '1', period: 'day' })
