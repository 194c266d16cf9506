import { createServer } from 'node:http'

// Bare node:http hello world: what (a) costs over no framework at all, for reference.
createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8' })
  res.end('Hello Hono!')
}).listen(Number(process.env.PORT), '127.0.0.1')
process.on('SIGTERM', () => process.exit(0))
