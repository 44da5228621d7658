/** Application Gateway WAF: anomaly scoring, custom-rule limits, default mode. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const CRS = 'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules';
const CUSTOM = 'https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview';
const LIMITS = 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-application-gateway-limits';

export const WAF_FACTS = facts({
  'waf-anomaly-threshold': {
    value: 5,
    text: 'With anomaly scoring (CRS 3.2+, DRS 2.1+), a request scoring 5 or more is blocked in Prevention mode and logged in Detection mode.',
    source: CRS,
    quote: 'If the anomaly score is 5 or greater, and the WAF is in Prevention mode, the request is blocked',
    checked: FC,
  },
  'waf-severity-critical': { value: 5, text: 'A matched Critical rule adds 5 to the anomaly score.', source: CRS, quote: 'Critical 5, Error 4, Warning 3, Notice 2', checked: FC },
  'waf-severity-error': { value: 4, text: 'A matched Error rule adds 4 to the anomaly score.', source: CRS, quote: 'Critical 5, Error 4, Warning 3, Notice 2', checked: FC },
  'waf-severity-warning': { value: 3, text: 'A matched Warning rule adds 3 to the anomaly score.', source: CRS, quote: 'Critical 5, Error 4, Warning 3, Notice 2', checked: FC },
  'waf-severity-notice': { value: 2, text: 'A matched Notice rule adds 2 to the anomaly score.', source: CRS, quote: 'Critical 5, Error 4, Warning 3, Notice 2', checked: FC },
  'waf-default-mode': {
    value: 'Detection',
    text: 'The CRS/DRS page says the rule sets are enabled in Detection mode by default; PSRule says Prevention is the default. Set mode explicitly.',
    source: CRS,
    quote: 'Both DRS and CRS are enabled by default in Detection mode in your WAF policies.',
    checked: FC,
    disputed: 'PSRule for Azure: "By default, prevention is configured." (https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.AppGwWAF.PreventionMode/)',
  },
  'waf-custom-rule-priority-min': {
    value: 1,
    text: 'A custom rule priority is from 1 to 100, unique across the policy; lower runs first.',
    source: CUSTOM,
    quote: 'The allowable range is from 1 to 100. Must be unique across all custom rules.',
    checked: FC,
  },
  'waf-custom-rule-priority-max': {
    value: 100,
    text: 'The highest custom rule priority is 100.',
    source: CUSTOM,
    quote: 'The allowable range is from 1 to 100.',
    checked: FC,
  },
  'waf-custom-rules-max': {
    value: 100,
    text: 'A WAF policy holds at most 100 custom rules.',
    source: LIMITS,
    quote: 'Maximum WAF custom rules|100',
    checked: FC,
  },
  'waf-match-values-max': {
    value: 10,
    text: 'A string match condition holds at most 10 values.',
    source: LIMITS,
    quote: 'string match values per match condition|10',
    checked: FC,
  },
  'waf-ip-ranges-max': {
    value: 600,
    text: 'An IP match condition holds at most 600 ranges with CRS 3.2 or newer (540 with older rule sets).',
    source: LIMITS,
    quote: 'WAF IP address ranges per match condition|540 / 600 - with CRS 3.2 or newer',
    checked: FC,
  },
  'waf-js-challenge-lifetime': {
    value: 30,
    display: '30 minutes',
    text: 'A JavaScript challenge cookie lasts 30 minutes by default, configurable from 5 to 1,440 minutes.',
    source: 'https://learn.microsoft.com/azure/web-application-firewall/waf-javascript-challenge',
    quote: 'an integer between 5 and 1,440 minutes and the default is 30 minutes',
    checked: FC,
  },
});
