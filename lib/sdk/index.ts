// The site SDK: find the wallet, connect, pay and tip from the page; verify
// the receipt on the server. See docs/provider.md.
export { createZkpayClient, type ZkpayClient } from './client.js'
export { type DiscoveredWallet, discoverZkpay, ZKPAY_RDNS } from './discover.js'
export { ZkpayError, type ZkpayErrorReason } from './errors.js'
export type * from './types.js'
export { type VerifyPaymentParameters, verifyPayment } from './verify.js'
