/** The element with `data-testid="id"`; a missing one is a bug in the page, so it throws. */
export function byTestId<T extends HTMLElement = HTMLElement>(
  id: string,
  root: ParentNode = document,
): T {
  const element = root.querySelector<T>(`[data-testid="${id}"]`)
  if (!element) throw new Error(`The page has no element with data-testid="${id}".`)
  return element
}

/** The tone of a status line, for its colour. */
export type Tone = 'info' | 'busy' | 'ok' | 'error'

/** Sets a status line's text and tone; empty text hides it. */
export function setLine(element: HTMLElement, text: string, tone: Tone = 'info'): void {
  element.textContent = text
  element.dataset.tone = tone
  element.hidden = text === ''
}

/** `zkpay1qxy2…h7k9m3`: enough of a shielded address to recognise it. */
export function shortAddress(address: string): string {
  return address.length > 20 ? `${address.slice(0, 10)}…${address.slice(-6)}` : address
}

/** `0x1234ab…cdef`: a transaction hash in a sentence. */
export function shortHash(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash
}

/** A clone of `<template data-template="name">`'s content. */
export function fromTemplate(name: string): DocumentFragment {
  const template = document.querySelector<HTMLTemplateElement>(`template[data-template="${name}"]`)
  if (!template) throw new Error(`The page has no template "${name}".`)
  return template.content.cloneNode(true) as DocumentFragment
}
