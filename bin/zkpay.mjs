#!/usr/bin/env node
// The zkpay CLI: a bundle of its sources, rebuilt when they change (cli/launch.mjs).
import { launch } from '../cli/launch.mjs'

await launch()
