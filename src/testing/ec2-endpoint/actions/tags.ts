/** CreateTags / DeleteTags on any resource of the region, found by its id's prefix. */
import { Ec2Error, notFound } from '../errors.js';
import type { RegionState, Tags } from '../model.js';
import type { Ec2Service } from '../service.js';
import type { Action } from './action.js';

function tagsOf(service: Ec2Service, region: RegionState, id: string): Tags {
  const prefix = id.slice(0, id.indexOf('-'));
  switch (prefix) {
    case 'ami':
      return service.image(region, id).tags;
    case 'snap':
      return service.snapshot(region, id).tags;
    case 'i':
      return service.instance(region, id).tags;
    case 'sg':
      return service.securityGroup(region, id).tags;
    case 'key': {
      const key = region.keyPairs.get(id);
      if (!key) throw notFound('keypair', id);
      return key.tags;
    }
    case 'vpc':
      if (id !== region.vpc.id) throw notFound('vpc', id);
      return region.vpc.tags;
    case 'subnet':
      if (id !== region.subnet.id) throw notFound('subnet', id);
      return region.subnet.tags;
    case 'vol': {
      const instance = [...region.instances.values()].find(
        (i) => i.volumeId === id && i.state !== 'terminated',
      );
      if (!instance) throw new Ec2Error('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
      return instance.volumeTags;
    }
    default:
      throw new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
  }
}

const createTags: Action = (service, region, params) => {
  const ids = params.strings('ResourceId');
  if (ids.length === 0)
    throw new Ec2Error('MissingParameter', 'The request must contain the parameter ResourceId');
  const tags = params.structs('Tag').map((t) => [t.required('Key'), t.string('Value') ?? ''] as const);
  // Look every resource up first: one unknown id fails the whole call, as on EC2.
  const targets = ids.map((id) => tagsOf(service, region, id));
  for (const target of targets) for (const [k, v] of tags) target.set(k, v);
  return { return: true };
};

const deleteTags: Action = (service, region, params) => {
  const ids = params.strings('ResourceId');
  const tags = params.structs('Tag').map((t) => ({ key: t.required('Key'), value: t.string('Value') }));
  for (const id of ids) {
    const target = tagsOf(service, region, id);
    for (const tag of tags)
      if (tag.value === undefined || target.get(tag.key) === tag.value) target.delete(tag.key);
  }
  return { return: true };
};

export const tagActions: Record<string, Action> = { CreateTags: createTags, DeleteTags: deleteTags };
