import { type HDAccount, mnemonicToAccount } from 'viem/accounts'

/** The mnemonic of anvil's (and hardhat's) funded development accounts. Public: never hold real funds with it. */
export const devMnemonic = 'test test test test test test test test test test test junk'

/**
 * Development account `index` of `devMnemonic` (`m/44'/60'/0'/0/index`), funded with
 * 10,000 ether on a fresh anvil.
 *
 * @example
 * devAccount(0).address // '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
 */
export function devAccount(index = 0): HDAccount {
  return mnemonicToAccount(devMnemonic, { addressIndex: index })
}
