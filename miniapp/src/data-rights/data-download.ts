import { memberDataFileName, type MemberDataExport } from '@mc/shared'

/**
 * Saves the export as a JSON file on H5: the same document the BFF sent (GET /api/me/export answers it as an
 * attachment), written through a Blob link, since the API needs the bearer token a plain link cannot carry.
 * Resolves to the file name used.
 */
export function downloadMemberData(data: MemberDataExport): string {
  const fileName = memberDataFileName(data.profile.id, data.exportedAt)
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The browser has taken the file once the click is handled; the next task may let the blob go.
  setTimeout(() => URL.revokeObjectURL(url), 0)
  return fileName
}
