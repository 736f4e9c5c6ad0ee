export { buildServer, type ServerOptions } from './build-server.ts';
export { seedDemoData, demoUsers, type DemoUser } from './demo-data.ts';
export { HTTP_STATUS } from './http-errors.ts';
