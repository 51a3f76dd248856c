/// <reference types="vite/client" />
import { type Address, getAddress } from 'viem'
import type { DeploymentServices } from '../lib/deploymentFile.js'
import type { Settings } from './messages.js'

/** One pool the wallet holds notes in (one pool contract per token). */
export type PoolDeployment = {
  chainId: number
  pool: Address
  token: Address
  /** The pool's deployment block: syncing starts there. */
  blockNumber: bigint
  /** An epoch holds `2^epochLevels` leaves (20 on any real deployment). */
  epochLevels: number
}

type DeploymentJson = DeploymentServices & {
  chainId: number
  pool: string
  token: string
  blockNumber: string | number
  epochLevels?: number
}

/**
 * What `npm start` deploys on a fresh anvil with its default mnemonic: the
 * addresses are deterministic (deployer nonce 0..4), so a build without
 * deployments/extension.json still finds the local pool.
 */
export const anvilDeployment: DeploymentJson = {
  chainId: 31337,
  token: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  pool: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
  blockNumber: '5',
}

// Vite inlines deployments/extension.json at build time: `npm start` writes it
// (the chain it deployed to, local or not) before building. Without it, or
// with WXT_ZKPAY_DEPLOYMENT=anvil in the build's environment (the tests'
// builds), the anvil defaults apply.
const written = Object.values(
  import.meta.glob<DeploymentJson>('../deployments/extension.json', {
    eager: true,
    import: 'default',
  }),
)[0]
// A build for a deployment file (`npm run build:extension -- --deployment FILE`)
// gets it from wxt.config.ts; Node tests have no such constant.
declare const __ZKPAY_DEPLOYMENT__: DeploymentJson | undefined
const given = typeof __ZKPAY_DEPLOYMENT__ === 'undefined' ? undefined : __ZKPAY_DEPLOYMENT__
const built = given ?? (import.meta.env?.WXT_ZKPAY_DEPLOYMENT === 'anvil' ? undefined : written)

/** Reads a deployment file's JSON into a {@link PoolDeployment}. */
export function toPoolDeployment(json: DeploymentJson): PoolDeployment {
  return {
    chainId: json.chainId,
    pool: getAddress(json.pool),
    token: getAddress(json.token),
    blockNumber: BigInt(json.blockNumber),
    epochLevels: json.epochLevels ?? 20,
  }
}

/** The pools this build knows. */
export const deployments: readonly PoolDeployment[] = [toPoolDeployment(built ?? anvilDeployment)]

/**
 * The built deployment runs verifiers from the development setup off the
 * local chain (`npm run deploy -- --insecure-dev-keys`): every screen warns.
 */
export const insecureDevKeys = built?.insecureDevKeys === true

/** Settings before the user changes any (the RPC of the built deployment, else anvil's default port). */
export const defaultSettings: Readonly<Settings> = Object.freeze({
  rpcUrl: built?.rpcUrl ?? 'http://127.0.0.1:8545',
  backupRpcUrls: [...(built?.backupRpcUrls ?? [])],
  // `npm start` runs two relayers, so that one going down stops no payment.
  relayerUrls: built?.relayers?.length
    ? [...built.relayers]
    : ['http://127.0.0.1:8547', 'http://127.0.0.1:8548'],
  useRelayer: true,
  autoLockMinutes: 15,
})

/** Names of the alarms the background keeps. */
export const alarmNames = { sync: 'zkpay.sync', autoLock: 'zkpay.autoLock' } as const
