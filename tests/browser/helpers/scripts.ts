import { execFile } from 'node:child_process'
import { join } from 'node:path'
import type { Address } from 'viem'
import { root } from './paths.js'

const tsx = join(root, 'node_modules/.bin/tsx')

export type ScriptRun = { code: number; stdout: string; stderr: string }

/** `tsx <args>` from the repository root, as an operator runs the project's scripts. */
export function runScript(
  args: string[],
  env: Record<string, string> = {},
  timeout = 180_000,
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      args,
      { cwd: root, env: { ...process.env, ...env }, timeout, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** 100 ETH of gas for `address`, by anvil_setBalance. */
export async function giveGas(rpcUrl: string, address: Address): Promise<void> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'anvil_setBalance',
      params: [address, '0x56BC75E2D63100000'],
    }),
  })
  if (!response.ok) throw new Error('anvil_setBalance failed')
}
