import { describe, expect, it } from 'vitest'
import { createCart, MAX_QUANTITY } from '../../demo/checkout/page/cart.js'

const items = [
  { id: 'a', name: 'A', description: '', price: '0.1' },
  { id: 'b', name: 'B', description: '', price: '0.2' },
]

describe('createCart', () => {
  it('adds up exactly in base units, where floating point would not', () => {
    const cart = createCart(items, 18)
    expect(cart.isEmpty()).toBe(true)
    expect(cart.total()).toBe('0')
    cart.add('a')
    cart.add('b')
    expect(cart.total()).toBe('0.3')
    cart.add('b')
    expect(cart.lines().map((l) => [l.item.id, l.quantity, l.subtotal])).toEqual([
      ['a', 1, '0.1'],
      ['b', 2, '0.4'],
    ])
    expect(cart.total()).toBe('0.5')
  })

  it('sends ids and quantities only, never prices', () => {
    const cart = createCart(items, 6)
    cart.add('b')
    cart.add('a')
    cart.add('unknown')
    expect(cart.orderItems()).toEqual([
      { id: 'a', quantity: 1 },
      { id: 'b', quantity: 1 },
    ])
  })

  it('stops at the most of one item and drops a line at zero', () => {
    const cart = createCart(items, 6)
    for (let i = 0; i < MAX_QUANTITY + 5; i++) cart.add('a')
    expect(cart.lines()[0]?.quantity).toBe(MAX_QUANTITY)
    const before = cart.key()
    cart.remove('b')
    expect(cart.key()).toBe(before)
    for (let i = 0; i < MAX_QUANTITY; i++) cart.remove('a')
    expect(cart.isEmpty()).toBe(true)
    expect(cart.key()).not.toBe(before)
  })
})
