import { z } from 'zod'
import { PhoneNumber } from '../membership/member.schemas'

// Its own file so the mini-program's checkout can import it without every item schema.
/** Where a delivery item is sent. */
export const DeliveryAddress = z.strictObject({
  name: z.string().trim().min(1, { error: '请填写收货人 / name is required' }).max(20),
  phone: PhoneNumber,
  address: z.string().trim().min(5, { error: '请填写详细地址 / address is too short' }).max(120),
})
export type DeliveryAddress = z.infer<typeof DeliveryAddress>
