/**
 * `npm run emulator`: the Runway emulator alone, configured by its EMULATOR_* variables (config.ts). Point
 * any app on Runway's API at it with a base URL; `npm run dev` starts it beside this app by itself.
 */
import { ConfigError, parseConfig } from './config';
import { PortInUseError, startEmulatorServer } from './server';

async function main() {
  const config = parseConfig(process.env);
  const server = await startEmulatorServer(config);
  console.log(`Runway emulator: API and control UI ${server.publicUrl} · room ${server.roomUrl}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof PortInUseError || error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
