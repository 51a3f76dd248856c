import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { RelayError } from '../../lib/errors.js'
import { toSolidityProof } from '../../lib/prover/formatProof.js'
import { publicSignalsOf } from '../../lib/relayer/createRelaySubmitter.js'
import { toTransactRequestBody } from '../../lib/relayer/relayTransaction.js'
import { hashExtData, publicAmountOf } from '../../lib/transaction/extData.js'
import { parseTransactBody } from '../../relayer/checks/body.js'
import { toSnarkjsProof } from '../../relayer/checks/proof.js'
import { checkPublicSignals } from '../../relayer/checks/publicSignals.js'

const chainId = 31337
const pool = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const relayer = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const extData = {
  recipient: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  extAmount: -(10n ** 18n),
  relayer,
  fee: 12345n,
  encryptedOutput1: `0x02${'ab'.repeat(178)}` as Hex,
  encryptedOutput2: `0x02${'cd'.repeat(178)}` as Hex,
  encryptedHistory: `0x02${'ef'.repeat(164)}` as Hex,
} as const
const proof = {
  a: [1n, 2n],
  b: [
    [3n, 4n],
    [5n, 6n],
  ],
  c: [7n, 8n],
} as { a: [bigint, bigint]; b: [[bigint, bigint], [bigint, bigint]]; c: [bigint, bigint] }

/** A 2-input relay's pool `Proof` struct, bound to `pool` on `chainId`. */
function poolProofFor(inputNullifiers = [21n, 22n]) {
  return {
    ...proof,
    batchRoot: 11n,
    archiveRootA: 12n,
    archiveRootB: 13n,
    publicAmount: publicAmountOf(extData.extAmount, extData.fee),
    extDataHash: hashExtData(extData, { chainId, pool }),
    inputNullifiers,
    outputCommitments: [31n, 32n] as [bigint, bigint],
  }
}

/** The body as it arrives: JSON, parsed. */
function wireBody(poolProof = poolProofFor()) {
  const publicSignals = publicSignalsOf(poolProof)
  return JSON.parse(
    JSON.stringify(toTransactRequestBody({ pool, proof, publicSignals, extData })),
  ) as Record<string, unknown> & {
    proof: Record<string, unknown>
    extData: Record<string, unknown>
    publicSignals: string[]
  }
}

/** The refusal `parseTransactBody` throws for `body` (its code and message). */
function refusal(body: unknown) {
  try {
    parseTransactBody(body)
  } catch (error) {
    expect(error).toBeInstanceOf(RelayError)
    return { code: (error as RelayError).code, message: (error as RelayError).message }
  }
  return expect.fail('the body was accepted')
}

describe('relay wire format', () => {
  it('round-trips a relay through JSON into the pool Proof struct the client derived it from', () => {
    const poolProof = poolProofFor()
    const body = wireBody(poolProof)
    expect(body.extData.extAmount).toBe('-1000000000000000000')
    expect(body.publicSignals).toHaveLength(9)
    const parsed = parseTransactBody(body)
    expect(parsed).toEqual({ pool, proof, publicSignals: publicSignalsOf(poolProof), extData })
    expect(checkPublicSignals(parsed, chainId)).toEqual({ circuit: 'tx2', poolProof })
  })

  it('takes 8, 9 and 15 signals (tx1, tx2, tx8) and no other count', () => {
    for (const [count, circuit] of [
      [1, 'tx1'],
      [2, 'tx2'],
      [8, 'tx8'],
    ] as const) {
      const poolProof = poolProofFor(Array.from({ length: count }, (_, i) => 100n + BigInt(i)))
      const parsed = parseTransactBody(wireBody(poolProof))
      expect(parsed.publicSignals).toHaveLength(count + 7)
      expect(checkPublicSignals(parsed, chainId)).toEqual({ circuit, poolProof })
    }
    const signals = wireBody().publicSignals
    expect(refusal({ ...wireBody(), publicSignals: signals.slice(0, 7) })).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^publicSignals has too few signals/),
    })
    expect(
      refusal({ ...wireBody(), publicSignals: [...signals, ...signals].slice(0, 16) }),
    ).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^publicSignals has too many signals/),
    })
    // 10 signals parse, but belong to no circuit.
    const ten = parseTransactBody({ ...wireBody(), publicSignals: [...signals, '1'] })
    expect(() => checkPublicSignals(ten, chainId)).toThrow(/publicSignals has 10 entries/)
  })

  it('binds the hash to the chain and the pool', () => {
    const parsed = parseTransactBody(wireBody())
    expect(() => checkPublicSignals(parsed, 1)).toThrow(/extDataHash does not match/)
    expect(() =>
      checkPublicSignals(
        { ...parsed, pool: '0x0000000000000000000000000000000000000001' },
        chainId,
      ),
    ).toThrow(/extDataHash does not match/)
  })

  it('refuses an unknown key anywhere, a __proto__ key as JSON.parse makes it included', () => {
    const json = JSON.stringify(wireBody())
    const withKey = (where: 'top' | 'proof' | 'extData', key: string) => {
      const body = JSON.parse(json)
      const target = where === 'top' ? body : body[where]
      // JSON.parse makes an own property even for `__proto__`; so does defineProperty.
      Object.defineProperty(target, key, { value: '1', enumerable: true, configurable: true })
      return body
    }
    const cases: [unknown, RegExp][] = [
      [withKey('top', 'extra'), /^body .*extra/],
      [withKey('proof', 'extra'), /^proof .*extra/],
      [withKey('extData', 'extra'), /^extData .*extra/],
      [withKey('extData', 'constructor'), /^extData .*constructor/],
      [JSON.parse(json.replace(/^\{/, '{"__proto__":{"isAdmin":true},')), /^body .*__proto__/],
      [JSON.parse(json.replace('"proof":{', '"proof":{"__proto__":1,')), /^proof .*__proto__/],
      [
        JSON.parse(json.replace('"extData":{', '"extData":{"__proto__":{"fee":"0"},')),
        /^extData .*__proto__/,
      ],
    ]
    for (const [body, message] of cases) {
      expect(refusal(body)).toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(message),
      })
    }
    // JSON.parse made it an own key, not the prototype.
    const parsed = JSON.parse(json.replace(/^\{/, '{"__proto__":{"isAdmin":true},'))
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true)
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined()
  })

  it('refuses a ciphertext of any size but its own, naming the field', () => {
    const body = wireBody()
    const cases: [string, string, RegExp][] = [
      ['encryptedOutput1', `${body.extData.encryptedOutput1}00`, /179 bytes/],
      ['encryptedOutput1', `0x${'00'.repeat(30_000)}`, /179 bytes/],
      ['encryptedOutput2', (body.extData.encryptedOutput2 as string).slice(0, -2), /179 bytes/],
      ['encryptedOutput2', '0x', /179 bytes/],
      ['encryptedHistory', `${body.extData.encryptedHistory}00`, /165 bytes/],
      ['encryptedHistory', `0x${'00'.repeat(179)}`, /165 bytes/],
      ['encryptedOutput1', `${body.extData.encryptedOutput1}0`, /hex bytes/],
      ['encryptedHistory', `${(body.extData.encryptedHistory as string).slice(0, -2)}zz`, /hex/],
    ]
    for (const [field, value, message] of cases) {
      const { code, message: text } = refusal({
        ...body,
        extData: { ...body.extData, [field]: value },
      })
      expect({ field, code, text }).toMatchObject({
        field,
        code: 'bad_request',
        text: expect.stringMatching(new RegExp(`^extData\\.${field} `)),
      })
      expect(text).toMatch(message)
    }
    // A missing history is named too.
    const { encryptedHistory: _, ...noHistory } = body.extData
    expect(refusal({ ...body, extData: noHistory }).message).toMatch(/^extData\.encryptedHistory /)
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
