/**
 * A "string too long" explanation.
 * Mirrors `content.MaxLenError` (apimachinery/pkg/api/validate/content/errors.go), which says
 * "bytes" since v1.34; older releases said "characters".
 * Deviation: lengths are counted in UTF-16 code units, not bytes; the formats that use it only
 * accept ASCII, so the count differs only for values that are rejected anyway.
 */
export function maxLenError(length: number): string {
  return `must be no more than ${length} bytes`;
}

/**
 * A regex-failure explanation with examples.
 * Mirrors `content.RegexError` (apimachinery/pkg/api/validate/content/errors.go).
 */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

/**
 * Problems that keep `value` from being an RFC 1123 label (container names, namespaces); empty when valid.
 * Mirrors `content.IsDNS1123Label` (apimachinery/pkg/api/validate/content/dns.go).
 */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    errs.push(
      DNS1123_SUBDOMAIN_RE.test(value)
        ? 'must not contain dots'
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            DNS1123_LABEL_FMT,
            'my-name',
            '123-abc',
          ),
    );
  }
  return errs;
}

/**
 * Problems that keep `value` from being an RFC 1123 subdomain (most object names); empty when valid.
 * Mirrors `content.IsDNS1123Subdomain` (apimachinery/pkg/api/validate/content/dns.go).
 */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errs;
}

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/**
 * Problems that keep `value` from being a label key / qualified name (`prefix/name`); empty when valid.
 * Mirrors `content.IsLabelKey` (apimachinery/pkg/api/validate/content/kube.go), the v1.34+ wording;
 * older releases said "a qualified name" where this says "a valid label key".
 */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY_RE.test(name))
    errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/**
 * Problems that keep `value` from being a label value; empty when valid (the empty string is valid).
 * Mirrors `content.IsLabelValue` (apimachinery/pkg/api/validate/content/kube.go).
 */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

const PERCENT_FMT = '[0-9]+%';
const PERCENT_RE = new RegExp(`^${PERCENT_FMT}$`);

/**
 * Problems that keep `value` from being a percentage such as `25%`; empty when valid.
 * Mirrors `validation.IsValidPercent` (apimachinery/pkg/util/validation/validation.go).
 */
export function isValidPercent(value: string): string[] {
  if (PERCENT_RE.test(value)) return [];
  return [
    regexError(
      "a valid percent string must be a numeric string followed by an ending '%'",
      PERCENT_FMT,
      '1%',
      '93%',
    ),
  ];
}

/**
 * Errors when `value` is not an IPv4 or IPv6 address.
 * Mirrors `IsValidIP` (apimachinery/pkg/util/validation/ip.go) with `netutils.ParseIPSloppy`,
 * which allows leading zeros in IPv4 octets.
 */
export function isValidIP(value: string): string[] {
  return isIPv4(value) || isIPv6(value)
    ? []
    : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
}

function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = (text: string): string[] | undefined => {
    if (text === '') return [];
    const list = text.split(':');
    const last = list[list.length - 1]!;
    // A trailing dotted quad counts as two groups.
    if (last.includes('.')) {
      if (!isIPv4(last)) return undefined;
      list.splice(list.length - 1, 1, '0', '0');
    }
    return list.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? list : undefined;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return false;
  const count = head.length + tail.length;
  if (halves.length === 2) return count <= 7;
  return (
    count === 8 &&
    !halves[0]!
      .split(':')
      .slice(0, -1)
      .some((g) => g.includes('.'))
  );
}
