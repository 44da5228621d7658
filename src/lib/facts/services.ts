/** Services, load balancer annotations and Ingress. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const LB = 'https://learn.microsoft.com/azure/aks/configure-load-balancer-standard';
const INGRESS = 'https://kubernetes.io/docs/concepts/services-networking/ingress/';

export const SERVICE_FACTS = facts({
  'nodeport-range': {
    value: [30000, 32767],
    display: '30000–32767',
    text: 'Kubernetes allocates NodePorts from 30000–32767 by default.',
    source: 'https://kubernetes.io/docs/concepts/services-networking/service/',
    quote: '--service-node-port-range flag (default: 30000-32767)',
    checked: FC,
  },
  'lb-tcp-idle-timeout-annotation-min': {
    value: 4,
    text: 'The azure-load-balancer-tcp-idle-timeout annotation takes whole minutes from 4 (the default) to 30.',
    source: LB,
    quote: 'The default and minimum value is 4. The maximum value is 30. The value must be an integer.',
    checked: FC,
  },
  'lb-tcp-idle-timeout-annotation-max': {
    value: 30,
    text: 'The azure-load-balancer-tcp-idle-timeout annotation accepts at most 30 minutes.',
    source: LB,
    quote: 'The maximum value is 30.',
    checked: FC,
  },

  'allowed-service-tags-with-source-ranges': {
    value: 'error',
    text: 'AKS says it reports an error when both azure-allowed-service-tags and loadBalancerSourceRanges are set; cloud-provider-azure says the tags will not work because of kube-proxy DROP rules.',
    source: LB,
    quote: 'If both are specified, AKS reports an error when you try to apply the load balancer service specification.',
    checked: FC,
    disputed: 'cloud-provider-azure: "won\'t work because of DROP iptables rules from kube-proxy" (https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/).',
  },
  'lb-source-ranges-pod-cidr-min-k8s': {
    value: '1.25',
    text: 'From Kubernetes 1.25, pods reach a Service’s load balancer IP only if the pod CIDR is in its loadBalancerSourceRanges.',
    source: LB,
    quote: 'Pod CIDR should be added to `loadBalancerSourceRanges` … 1.25 or higher',
    checked: FC,
  },
  'app-routing-dns-zones-max': {
    value: 5,
    text: 'The application routing add-on manages records in up to five Azure DNS zones.',
    source: 'https://learn.microsoft.com/azure/aks/app-routing',
    quote: 'supports up to five Azure DNS zones',
    checked: FC,
  },
  'ingress-hostless-fallthrough': {
    value: true,
    text: 'A request whose Host matches no rule host falls through to a rule without host (Kubernetes’ own name-based virtual hosting example).',
    source: `${INGRESS}#name-based-virtual-hosting`,
    quote: "any traffic whose request host header doesn't match first.bar.com and second.bar.com to service3",
    checked: FC,
  },
  'app-routing-ingress-class': {
    value: 'webapprouting.kubernetes.azure.com',
    text: 'The application routing add-on creates the IngressClass webapprouting.kubernetes.azure.com for its managed NGINX.',
    source: 'https://learn.microsoft.com/azure/aks/app-routing',
    quote: 'it creates an Ingress class named webapprouting.kubernetes.azure.com',
    checked: FC,
  },
  'app-routing-gateway-class': {
    value: 'approuting-istio',
    text: 'The application routing Gateway API implementation uses the GatewayClass approuting-istio.',
    source: 'https://learn.microsoft.com/azure/aks/app-routing-gateway-api',
    quote: 'approuting-istio',
    checked: FC,
  },
  'gateway-api-crd-bundles': {
    value: ['v1.2.1: Kubernetes 1.26–1.33', 'v1.3.0: Kubernetes 1.34', 'v1.4.1: Kubernetes 1.35', 'v1.5.1: Kubernetes 1.36 and later'],
    display: 'v1.2.1 up to 1.33, v1.3.0 on 1.34, v1.4.1 on 1.35, v1.5.1 from 1.36',
    text: 'The managed Gateway API CRD bundle (standard channel) follows the Kubernetes version: v1.2.1 on 1.26–1.33, v1.3.0 on 1.34, v1.4.1 on 1.35 and v1.5.1 from 1.36, and upgrades with the cluster.',
    source: 'https://learn.microsoft.com/azure/aks/managed-gateway-api',
    quote: 'v1.2.1 … v1.26.0 - v1.33.x … v1.3.0 … v1.34.x … v1.4.1 … v1.35.x … v1.5.1 … v1.36.0+',
    checked: '2026-11-30',
  },
  'istio-gateway-api-min-revision': {
    value: 'asm-1-26',
    text: 'The Istio service mesh add-on implements Gateway API from mesh revision asm-1-26.',
    source: 'https://learn.microsoft.com/azure/aks/istio-gateway-api',
    quote: 'Install the Istio service mesh add-on revision `asm-1-26` or higher.',
    checked: '2026-11-30',
  },
  'app-routing-gateway-automatic-default-k8s': {
    value: '1.36',
    text: 'New AKS Automatic clusters use Gateway API through the application routing add-on by default from AKS 1.36.',
    source: 'https://learn.microsoft.com/azure/aks/app-routing-gateway-api',
    quote: 'Starting with AKS version 1.36, new AKS Automatic clusters use Kubernetes Gateway API via the application routing add-on by default.',
    checked: '2026-11-30',
  },
  'ingress-beta-api-removed-k8s': {
    value: '1.22',
    text: 'Kubernetes 1.22 stopped serving the extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress APIs; networking.k8s.io/v1 replaces them.',
    source: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#ingress-v122',
    quote: 'The extensions/v1beta1 and networking.k8s.io/v1beta1 API versions of Ingress … v1.22.',
    checked: '2026-11-30',
  },
});
