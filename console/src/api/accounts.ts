// identity-service's /api/users (docs/API.md), typed from openapi/identity.json.
import type { components as I } from './generated/identity'
import { get, request } from './client'

export type Account = I['schemas']['AccountResponse']
export type AccountWithPassword = I['schemas']['AccountWithPassword']
export type CreateAccount = I['schemas']['CreateAccount']
export type MachineClient = I['schemas']['ClientResponse']
export type RegisterClient = I['schemas']['RegisterClient']
/** POST /api/clients' answer: the registration with its secret, shown once. */
export type RegisteredClient = I['schemas']['RegisteredClient']

const user = (username: string) => `/api/users/${encodeURIComponent(username)}`

export const accountsApi = {
  list: (page = 0, size = 100) => get<I['schemas']['PageResponseAccountResponse']>('/api/users', { page, size }),
  create: (body: CreateAccount, key: string) => request<AccountWithPassword>('POST', '/api/users', { body, idempotencyKey: key }),
  disable: (username: string) => request<Account>('POST', `${user(username)}/disable`),
  enable: (username: string) => request<Account>('POST', `${user(username)}/enable`),
  unlock: (username: string) => request<Account>('POST', `${user(username)}/unlock`),
  clients: (page = 0, size = 100) => get<I['schemas']['PageResponseClientResponse']>('/api/clients', { page, size }),
  registerClient: (body: RegisterClient, key: string) => request<RegisteredClient>('POST', '/api/clients', { body, idempotencyKey: key }),
  resetPassword: (username: string) => request<AccountWithPassword>('POST', `${user(username)}/password-reset`),
}
