import type * as meta from 'kubernetes-types/meta/v1.js';
import type { FieldError } from '../errors.js';
import { forbidden, invalid, required } from './fieldError.js';
import { isQualifiedName, isValidLabelValue } from './stringFormats.js';

/**
 * Errors for a label key, each reported on `path` with the key as the bad value.
 * Mirrors `ValidateLabelName` (apimachinery/pkg/apis/meta/v1/validation/validation.go).
 */
export function validateLabelName(key: string, path: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg));
}

/**
 * Errors for a label map (object labels, template labels, node selectors), reported on `path`.
 * Mirrors `ValidateLabels` (apimachinery/pkg/apis/meta/v1/validation/validation.go).
 * Deviation: keys are checked in sorted order so that the error order is deterministic; Go
 * iterates the map in random order.
 */
export function validateLabels(
  labels: Readonly<Record<string, string>> | undefined,
  path: string,
): FieldError[] {
  if (labels === undefined) return [];
  const errs: FieldError[] = [];
  for (const key of Object.keys(labels).sort()) {
    errs.push(...validateLabelName(key, path));
    const value = labels[key] ?? '';
    errs.push(...isValidLabelValue(value).map((msg) => invalid(path, value, msg)));
  }
  return errs;
}

/**
 * Errors for annotation keys, which must be qualified names once lower-cased.
 * Mirrors `ValidateAnnotations` (apimachinery/pkg/api/validation/objectmeta.go).
 * Deviation: the 256 KiB total-size limit is not checked; keys are checked in sorted order.
 */
export function validateAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  path: string,
): FieldError[] {
  if (annotations === undefined) return [];
  const errs: FieldError[] = [];
  for (const key of Object.keys(annotations).sort()) {
    errs.push(...isQualifiedName(key.toLowerCase()).map((msg) => invalid(path, key, msg)));
  }
  return errs;
}

/**
 * Errors for a label selector's syntax: label keys and values, operators, and values present
 * exactly when the operator needs them.
 * Mirrors `ValidateLabelSelector` and `ValidateLabelSelectorRequirement`
 * (apimachinery/pkg/apis/meta/v1/validation/validation.go) with `AllowInvalidLabelValueInSelector` false.
 */
export function validateLabelSelector(selector: meta.LabelSelector | undefined, path: string): FieldError[] {
  if (selector === undefined) return [];
  const errs: FieldError[] = [...validateLabels(selector.matchLabels, `${path}.matchLabels`)];
  (selector.matchExpressions ?? []).forEach((req, i) => {
    const reqPath = `${path}.matchExpressions[${i}]`;
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(required(`${reqPath}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(
            forbidden(
              `${reqPath}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        break;
      default:
        errs.push(invalid(`${reqPath}.operator`, req.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(req.key, `${reqPath}.key`));
    values.forEach((value, j) => {
      errs.push(...isValidLabelValue(value).map((msg) => invalid(`${reqPath}.values[${j}]`, value, msg)));
    });
  });
  return errs;
}
