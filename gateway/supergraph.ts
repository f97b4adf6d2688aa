import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';

export interface SubgraphEndpoint {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly url: string;
}

export class CompositionFailed extends Error {}

/**
 * Composes the supergraph in-process from the subgraphs' own SDL (no
 * introspection over the network, so a subgraph never has to answer `_service`
 * to strangers). A composition error stops start-up with every message.
 */
export function composeSupergraph(subgraphs: ReadonlyArray<SubgraphEndpoint>): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: s.url })));
  if (result.errors) {
    throw new CompositionFailed(`Supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
