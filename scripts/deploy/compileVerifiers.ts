/**
 * Compiles verifier sources with solc-js, with the settings
 * scripts/compile-contracts.ts uses for everything in contracts/ (so the
 * development verifiers compile here to exactly lib/contracts/artifacts.ts's
 * bytecode). The deploy compiles a ceremony's verifiers itself instead of
 * trusting a committed artifact that may predate them.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Abi, Hex } from 'viem'
import { DeployConfigError } from './deployerAccount.js'
import type { VerifierSource } from './verifierSetup.js'

type Solc = { version(): string; compile(input: string): string }
type Output = {
  errors?: { severity: string; formattedMessage: string }[]
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
}

export type CompiledVerifier = { contract: string; abi: Abi; bytecode: Hex }

export function compileVerifiers(sources: readonly VerifierSource[]): CompiledVerifier[] {
  const solc = createRequire(import.meta.url)('solc') as Solc
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(
      sources.map((s) => [`${s.contract}.sol`, { content: readFileSync(s.path, 'utf8') }]),
    ),
    settings: {
      optimizer: { enabled: true, runs: 1_000_000 },
      evmVersion: 'cancun',
      metadata: { bytecodeHash: 'none' },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as Output
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0)
    throw new DeployConfigError(
      `solc ${solc.version()} could not compile the verifiers: ${errors[0]!.formattedMessage}`,
    )
  return sources.map((s) => {
    const compiled = output.contracts?.[`${s.contract}.sol`]?.[s.contract]
    if (!compiled?.evm.bytecode.object)
      throw new DeployConfigError(`${s.path} defines no contract ${s.contract}`)
    return {
      contract: s.contract,
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
    }
  })
}
