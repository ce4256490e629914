import type { RegionState } from '../model.js';
import type { QueryParams } from '../query.js';
import type { Ec2Service } from '../service.js';
import type { XmlObject } from '../xml.js';

/** One EC2 action: the request's region and parameters in, the reply's elements out. */
export type Action = (
  service: Ec2Service,
  region: RegionState,
  params: QueryParams,
) => Promise<XmlObject> | XmlObject;
