// attributes.*: translation between the contract and the attributes service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { AttributesService } from './service';

export type AttributesChannel = Extract<ChannelName, `attributes.${string}`>;

export function attributesHandlers(attributes: AttributesService): Handlers<AttributesChannel> {
  return {
    'attributes.list': () => attributes.list(),
    'attributes.create': (input, ctx) => attributes.create(ctx, input),
    'attributes.update': (input, ctx) => attributes.update(ctx, input),
  };
}
