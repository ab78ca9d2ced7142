// The attributes module: 属性 of registrants, built-in and added by admins.
import type { Db } from '../../platform/db/open';
import { attributesHandlers } from './handlers';
import { createAttributeRepository } from './repository';
import { createAttributesService } from './service';

export function createAttributesModule({ db }: { db: Db }) {
  const attributes = createAttributesService(createAttributeRepository(db));
  return { services: { attributes }, handlers: attributesHandlers(attributes) };
}

export type { AttributesService } from './service';
