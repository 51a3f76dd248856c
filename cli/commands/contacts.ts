import { readFile } from 'node:fs/promises'
import { Command } from 'commander'
import type { ShieldedAddress } from '../../lib/address.js'
import {
  addContact,
  findContact,
  formatContactsFile,
  InvalidContactError,
  importContactsFile,
} from '../../lib/contacts.js'
import { InvalidConfigError } from '../../lib/errors.js'
import { contextOf } from '../context.js'
import { printable } from '../output.js'
import { outputFile } from '../spend.js'
import { writeFileAtomic } from '../store.js'

/**
 * `zkpay contacts`: the contact book kept in the wallet file (keystore.json),
 * so it travels with it. `export` writes the same file the extension's
 * Settings export and import (lib/contacts.ts); `zkpay pay <name> <amount>`
 * pays a contact.
 */
export function contactsCommand(): Command {
  const contacts = new Command('contacts').description(
    'names for shielded addresses, kept in the wallet file',
  )
  contacts
    .command('list', { isDefault: true })
    .description('list the contacts')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const book = (await ctx.walletFile()).contacts ?? []
      ctx.output.result(
        book.length === 0 ? 'no contacts' : book.map((c) => `${printable(c.name)}  ${c.address}`),
        book,
      )
    })
  contacts
    .command('add')
    .description('name a shielded address (saving an address again renames it)')
    .argument('<name>')
    .argument('<address>', 'zkpay1…')
    .action(async (name: string, address: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const file = await ctx.store.updateWallet((f) => ({
        ...f,
        contacts: addContact(f.contacts ?? [], { name, address: address as ShieldedAddress }),
      }))
      const added = findContact(file.contacts ?? [], name)!
      ctx.output.result(`saved ${printable(added.name)}`, added)
    })
  contacts
    .command('remove')
    .description('forget a contact')
    .argument('<name>')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const book = (await ctx.walletFile()).contacts ?? []
      const contact = findContact(book, name)
      if (!contact) throw new InvalidContactError('name', `No contact is named ${name}.`)
      await ctx.store.updateWallet((f) => ({
        ...f,
        contacts: (f.contacts ?? []).filter((c) => c.address !== contact.address),
      }))
      ctx.output.result(`removed ${printable(contact.name)}`, contact)
    })
  contacts
    .command('export')
    .description('write the contacts file (stdout, or --out FILE) the extension imports')
    .option('--out <file>', 'write it to this file')
    .action(async (options: { out?: string }, command: Command) => {
      const ctx = contextOf(command)
      const text = formatContactsFile((await ctx.walletFile()).contacts ?? [])
      if (!options.out) {
        process.stdout.write(text)
        return
      }
      await writeFileAtomic(outputFile(options.out, 'the contacts file'), text)
      ctx.output.result(`wrote ${options.out}`, { file: options.out })
    })
  contacts
    .command('import')
    .description("merge a contacts file (the extension's export) into this wallet's")
    .argument('<file>')
    .action(async (path: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command)
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch {
        throw new InvalidConfigError(`Cannot read ${path}.`)
      }
      let added = 0
      const file = await ctx.store.updateWallet((f) => {
        const merged = importContactsFile(text, f.contacts ?? [])
        added = merged.added
        return { ...f, contacts: merged.contacts }
      })
      ctx.output.result(`imported ${added} new, ${file.contacts?.length ?? 0} in all`, {
        added,
        contacts: file.contacts,
      })
    })
  return contacts
}
