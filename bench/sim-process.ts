import { startSimulators } from '../src/simulators';

/**
 * The simulators in a process of their own (seeds, live generators off: the same answer every
 * time), so a throughput benchmark charges the gateway only for its own CPU. Sends `{ simulators: { urls, credentials } }` once they listen.
 */
void startSimulators({ port: 0, live: false, faults: process.env.SIM_FAULTS }).then((simulators) => {
  process.send?.({ simulators: { urls: simulators.urls, credentials: simulators.credentials } });
  process.on('disconnect', () => void simulators.stop().then(() => process.exit(0)));
});
