#!/bin/bash
# same.sh BIN: builds the real report and N=10 (-cache "") with BIN and diffs them against $W/base-real and $W/base-10
# (built the same way by the base generator); sitemaps compared as sorted sets of <url> elements.
set -e
B=$1; T=${W:-/tmp/b8}/chk-$$
cd "$(dirname "$0")/../../.."
$B build -o $T-real -cache "" >/dev/null
$B build -synthetic -src ${W:-/tmp/b8}/corpus-10 -o $T-10 -cache "" >/dev/null
for x in real 10; do
  for l in fr en; do
    for f in ${W:-/tmp/b8}/base-$x/$l/sitemap.xml $T-$x/$l/sitemap.xml; do sed 's/<url>/\n<url>/g' $f | sort > $f.sorted; done
    cmp ${W:-/tmp/b8}/base-$x/$l/sitemap.xml.sorted $T-$x/$l/sitemap.xml.sorted && echo "$x $l sitemap same set"
    rm $T-$x/$l/sitemap.xml.sorted ${W:-/tmp/b8}/base-$x/$l/sitemap.xml.sorted
  done
  diff -r -x sitemap.xml ${W:-/tmp/b8}/base-$x $T-$x && echo "$x identical (sitemaps aside)"
done
rm -rf $T-real $T-10
