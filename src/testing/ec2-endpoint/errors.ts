/** An EC2 API error as the service sends it: a code the SDK maps to an exception, a message, a status. */
export class Ec2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'Ec2Error';
  }
}

export function notFound(
  kind: 'image' | 'instance' | 'snapshot' | 'group' | 'keypair' | 'vpc' | 'subnet',
  id: string,
) {
  switch (kind) {
    case 'image':
      return new Ec2Error('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
    case 'instance':
      return new Ec2Error('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    case 'snapshot':
      return new Ec2Error('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
    case 'group':
      return new Ec2Error('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    case 'keypair':
      return new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
    case 'vpc':
      return new Ec2Error('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
    case 'subnet':
      return new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
  }
}
