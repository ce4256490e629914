/**
 * StepSourceAMIInfo: the source AMI by id or by source_ami_filter (most_recent picks the newest by
 * creation date), which must be EBS-backed. Its details feed the build data (SourceAMI, SourceAMIName…).
 */
import type { Step } from '../../../../sdk/step.js';
import type { DescribeImagesCommandInput } from '@aws-sdk/client-ec2';
import type { Image } from '../../common/ec2-api.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';

export function stepSourceAmi(s: EbsSettings): Step<EbsState> {
  return {
    name: 'StepSourceAMIInfo',
    async run(state, ctx) {
      const params: DescribeImagesCommandInput = {};
      if (s.sourceAmi !== undefined) params.ImageIds = [s.sourceAmi];
      const filter = s.sourceAmiFilter;
      if (filter) {
        const names = Object.keys(filter.filters).sort();
        if (names.length > 0)
          params.Filters = names.map((Name) => ({ Name, Values: [filter.filters[Name]!] }));
        if (filter.owners.length > 0) params.Owners = [...filter.owners];
      }
      params.IncludeDeprecated = filter?.includeDeprecated ?? false;
      let images: Image[];
      try {
        const out = await state.ec2.call('DescribeImages', params, { signal: ctx.signal });
        images = out.Images ?? [];
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        throw new Error(`Error querying AMI: ${(error as Error).message}`, { cause: error });
      }
      if (images.length === 0) {
        throw new Error(`No AMI was found matching filters: ${JSON.stringify(params)}`);
      }
      if (images.length > 1 && !filter?.mostRecent) {
        throw new Error(
          'Your query returned more than one result. Please try a more specific search, or set most_recent to true.',
        );
      }
      const image = filter?.mostRecent ? mostRecent(images) : images[0]!;
      ctx.ui.message(`Found Image ID: ${image.ImageId}`);
      if (image.RootDeviceType !== undefined && image.RootDeviceType !== 'ebs') {
        throw new Error(
          `The provided source AMI has an invalid root device type.\nExpected 'ebs', got '${image.RootDeviceType}'.`,
        );
      }
      state.sourceImage = image;
      state.buildInfo = {
        ...state.buildInfo,
        SourceAMI: image.ImageId ?? '',
        SourceAMIName: image.Name ?? '',
        SourceAMIOwner: image.OwnerId ?? '',
        SourceAMIOwnerName: image.ImageOwnerAlias ?? '',
        SourceAMICreationDate: image.CreationDate ?? '',
      };
    },
  };
}

/** The newest image by CreationDate (RFC 3339); ties keep the later one in the answer, as Go's sort does. */
export function mostRecent(images: readonly Image[]): Image {
  const time = (i: Image) => Date.parse(i.CreationDate ?? '') || 0;
  return [...images].sort((a, b) => time(a) - time(b)).at(-1)!;
}
