/**
 * A boolean query parameter (`watch`, `follow`, `timestamps`, `previous`)
 * as the API server decodes it: absent is false; `false` or `0`, in any letter case, is false;
 * any other value, the empty string included, is true. So `watch=True` (what python-kubernetes
 * sends), `watch=1` and `watch=TRUE` all open a watch.
 * Mirrors apimachinery's `runtime.Convert_Slice_string_To_bool`, which the generated
 * `url.Values` conversions of `ListOptions` and `PodLogOptions` call. It is more lenient than
 * Go's `strconv.ParseBool` (`watch=f` is true there) and never fails, so no value is a 400.
 */
export function queryBool(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  const lower = value.toLowerCase();
  return lower !== 'false' && lower !== '0';
}
