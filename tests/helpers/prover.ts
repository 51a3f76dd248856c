import { loadCircuitArtifacts } from '../../lib/node/loadCircuitArtifacts.js'
import { createSnarkjsProver } from '../../lib/prover/createSnarkjsProver.js'

/** The real snarkjs prover over the committed circuit artifacts. */
export const nodeProver = createSnarkjsProver({ loadArtifacts: loadCircuitArtifacts })
