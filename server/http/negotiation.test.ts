import { describe, expect, it } from 'vitest';
import { discoveryFormat, objectFormat, parseAccept } from './negotiation.js';

const KUBECTL_GET = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const DISCOVERY_130 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const DISCOVERY_127 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('content negotiation', () => {
  it('serves tables to kubectl get and JSON to other clients', () => {
    expect(objectFormat(KUBECTL_GET)).toEqual({ as: 'table', version: 'v1' });
    expect(objectFormat('application/json;as=Table;v=v1beta1;g=meta.k8s.io')).toEqual({ as: 'table', version: 'v1beta1' });
    expect(objectFormat('application/json')).toEqual({ as: 'object', encoding: 'json' });
    expect(objectFormat(undefined)).toEqual({ as: 'object', encoding: 'json' });
    expect(objectFormat('application/json, */*')).toEqual({ as: 'object', encoding: 'json' });
    expect(objectFormat('application/yaml')).toEqual({ as: 'object', encoding: 'yaml' });
  });

  it('answers JSON to typed clients that prefer protobuf', () => {
    expect(objectFormat('application/vnd.kubernetes.protobuf,application/json')).toEqual({ as: 'object', encoding: 'json' });
  });

  it('refuses representations it cannot produce', () => {
    expect(objectFormat('application/vnd.kubernetes.protobuf')).toBeUndefined();
    expect(objectFormat('text/html')).toBeUndefined();
  });

  it('honours q values', () => {
    expect(parseAccept('application/yaml;q=0.5,application/json').map((m) => m.type)).toEqual(['application/json', 'application/yaml']);
  });

  it('picks the aggregated discovery version each kubectl generation asks for', () => {
    expect(discoveryFormat(DISCOVERY_130)).toBe('v2');
    expect(discoveryFormat(DISCOVERY_127)).toBe('v2beta1');
    expect(discoveryFormat('application/json, */*')).toBe('legacy');
  });
});
