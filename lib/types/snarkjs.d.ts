// Minimal typings for the parts of snarkjs this project uses.
declare module 'snarkjs' {
  export type Groth16Proof = {
    pi_a: string[]
    pi_b: string[][]
    pi_c: string[]
    protocol: string
    curve: string
  }
  export type FileLike = string | Uint8Array | { type: 'mem'; data?: Uint8Array }
  export const groth16: {
    fullProve(
      input: unknown,
      wasm: FileLike,
      zkey: FileLike,
      logger?: unknown,
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>
    prove(
      zkey: FileLike,
      witness: FileLike,
      logger?: unknown,
      options?: { singleThread?: boolean },
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>
    verify(
      vkey: unknown,
      publicSignals: readonly (string | bigint)[],
      proof: Groth16Proof,
      logger?: unknown,
    ): Promise<boolean>
  }
  export const wtns: {
    calculate(input: unknown, wasm: FileLike, out: FileLike, options?: unknown): Promise<void>
  }
  export const zKey: {
    newZKey(r1cs: string, ptau: string, out: string, logger?: unknown): Promise<unknown>
    beacon(
      oldZkey: string,
      newZkey: string,
      name: string,
      beaconHash: string,
      numIterationsExp: number,
      logger?: unknown,
    ): Promise<unknown>
    exportVerificationKey(zkey: FileLike): Promise<unknown>
    exportSolidityVerifier(zkey: FileLike, templates: { groth16: string }): Promise<string>
  }
  export const powersOfTau: {
    newAccumulator(curve: unknown, power: number, out: string, logger?: unknown): Promise<unknown>
    beacon(
      oldPtau: string,
      newPtau: string,
      name: string,
      beaconHash: string,
      numIterationsExp: number,
      logger?: unknown,
    ): Promise<unknown>
    preparePhase2(oldPtau: string, newPtau: string, logger?: unknown): Promise<unknown>
  }
  export const curves: { getCurveFromName(name: string): Promise<unknown> }
}
