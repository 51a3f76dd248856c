import { zeroAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { toSolidityProof } from '../../lib/prover/formatProof.js'
import { publicSignalsOf } from '../../lib/relayer/createRelaySubmitter.js'
import { toTransactRequestBody } from '../../lib/relayer/relayTransaction.js'
import { hashExtData, publicAmountOf } from '../../lib/transaction/extData.js'
import { parseTransactBody } from '../../relayer/checks/body.js'
import { toSnarkjsProof } from '../../relayer/checks/proof.js'
import { checkPublicSignals } from '../../relayer/checks/publicSignals.js'

const relayer = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const extData = {
  recipient: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  extAmount: -(10n ** 18n),
  relayer,
  fee: 12345n,
  encryptedOutput1: '0x01ab',
  encryptedOutput2: '0x01cd',
} as const
const proof = {
  a: [1n, 2n],
  b: [
    [3n, 4n],
    [5n, 6n],
  ],
  c: [7n, 8n],
} as { a: [bigint, bigint]; b: [[bigint, bigint], [bigint, bigint]]; c: [bigint, bigint] }

describe('relay wire format', () => {
  it('round-trips a relay through JSON into the pool Proof struct the client derived it from', () => {
    const poolProof = {
      ...proof,
      root: 11n,
      publicAmount: publicAmountOf(extData.extAmount, extData.fee),
      extDataHash: hashExtData(extData),
      inputNullifiers: [21n, 22n],
      outputCommitments: [31n, 32n] as [bigint, bigint],
    }
    const publicSignals = publicSignalsOf(poolProof)
    const body = JSON.parse(
      JSON.stringify(toTransactRequestBody({ pool: zeroAddress, proof, publicSignals, extData })),
    )
    expect(body.extData.extAmount).toBe('-1000000000000000000')
    const parsed = parseTransactBody(body)
    expect(parsed).toEqual({ pool: zeroAddress, proof, publicSignals, extData })
    expect(checkPublicSignals(parsed)).toEqual({ circuit: 'tx2', poolProof })
  })

  it('turns the verifier layout back into snarkjs’s', () => {
    const raw = {
      pi_a: ['1', '2', '1'],
      pi_b: [
        ['3', '4'],
        ['5', '6'],
        ['1', '0'],
      ],
      pi_c: ['7', '8', '1'],
      protocol: 'groth16',
      curve: 'bn128',
    }
    expect(toSnarkjsProof(toSolidityProof(raw))).toEqual(raw)
  })
})
