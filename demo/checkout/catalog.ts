/** One thing the demo shop sells; `price` is in token units (`"2.25"`). */
export type CatalogItem = {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly price: string
}

/** The shop's items. Prices live here, on the server: a page never sets one. */
export const catalog: readonly CatalogItem[] = Object.freeze([
  {
    id: 'sticker-pack',
    name: 'Sticker pack',
    description: 'Six vinyl stickers of the zkpay moth.',
    price: '0.5',
  },
  {
    id: 'enamel-mug',
    name: 'Enamel mug',
    description: 'Holds 350 ml of coffee, chips gracefully.',
    price: '2.25',
  },
  {
    id: 'zine',
    name: 'Zine, issue 1',
    description: 'Twenty photocopied pages on paying without being watched.',
    price: '1',
  },
])

/** The ids of {@link catalog}, for the request schema. */
export const catalogIds = catalog.map((item) => item.id) as [string, ...string[]]
