#!/usr/bin/env node
// The zkpay CLI runs from its TypeScript sources: tsx compiles them on load.
import { register } from 'tsx/esm/api'

register()
await import('../cli/main.ts')
