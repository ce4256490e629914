/** The local EC2-compatible endpoint for tests (see endpoint.ts). */
export type { InstanceBackend, InstanceVm, LaunchSpec } from './backend.js';
export {
  type Ec2Call,
  type Ec2Endpoint,
  type Ec2EndpointOptions,
  type Ec2Resources,
  startEc2Endpoint,
  SUPPORTED_ACTIONS,
} from './endpoint.js';
export { Ec2Error } from './errors.js';
export { createFakeBackend, type FakeBackend, type FakeBackendOptions } from './fake-backend.js';
export type { Ec2Faults, FailCall } from './faults.js';
export { createQemuBackend, type QemuBackendOptions } from './qemu-backend.js';
export type { BaseAmi, Ec2Timing } from './service.js';
