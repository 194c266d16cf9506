import { useEffect, useState } from 'react'
import type { DeliveryAddress } from '@mc/shared'
import { readLastAddress } from './last-address'
import { checkDelivery, type DeliveryCheck, type DeliveryForm } from './mall-copy'

const emptyForm: DeliveryForm = { name: '', phone: '', address: '' }

/** Per-field problems of the last check of the delivery form. */
export type DeliveryProblems = Extract<DeliveryCheck, { ok: false }>['problems']

/** The checkout's address form, what is wrong with it, and the check that runs when the shopper confirms. */
export interface DeliveryAddressForm {
  form: DeliveryForm
  problems: DeliveryProblems
  edit(next: DeliveryForm): void
  /** The address to send, or null (with the problems shown) when the form does not pass. */
  checked(): DeliveryAddress | null
}

/** The delivery form, filled in from the member's last delivery address when the item is delivered. */
export function useDeliveryAddress(memberId: string | null, needsAddress: boolean): DeliveryAddressForm {
  const [form, setForm] = useState<DeliveryForm>(emptyForm)
  const [problems, setProblems] = useState<DeliveryProblems>({})

  useEffect(() => {
    const last = memberId && needsAddress ? readLastAddress(memberId) : null
    if (last) setForm((current) => (current === emptyForm ? last : current))
  }, [memberId, needsAddress])

  // A field's problem goes away as soon as the shopper edits that field; the others stay until the next try.
  const edit = (next: DeliveryForm) => {
    setProblems((current) =>
      Object.fromEntries(
        Object.entries(current).filter(([key]) => next[key as keyof DeliveryForm] === form[key as keyof DeliveryForm]),
      ),
    )
    setForm(next)
  }

  const checked = () => {
    const check = checkDelivery(form)
    setProblems(check.ok ? {} : check.problems)
    return check.ok ? check.address : null
  }

  return { form, problems, edit, checked }
}
