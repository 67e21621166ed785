#!/usr/bin/env python3
"""Compare two custseg output folders for a refactoring that must not change
what the job produces: the newest run's manifest (apart from run id, times,
durations, version and the as-of source), the snapshot (hash of the
uncompressed CSV), every part of the workbook and the HTML report (after
blanking run ids and timestamps).

    python3 bench/compare_outputs.py OUT_BEFORE OUT_AFTER

where each OUT is the folder a `custseg demo --weeks 2` ran in (it holds
custseg-out/). A workbook part that differs only in the order of its XML
elements (excelize writes [Content_Types].xml from a map) is reported as such.
"""
import json,sys,gzip,hashlib,zipfile,re,os
A,B=sys.argv[1],sys.argv[2]
base='custseg-out/weekly/2026-09-30'
def man(d):
    m=json.load(open(os.path.join(d,base,'manifest.json')))
    for k in ['run_id','started_at','finished_at','durations_ms','version','dir','as_of_source','outputs','delivery']:
        m.pop(k,None)
    return m
ma,mb=man(A),man(B)
keys=sorted(set(ma)|set(mb))
diff=[k for k in keys if ma.get(k)!=mb.get(k)]
print('manifest keys differing:',diff)
for k in diff: print(' ',k, str(ma.get(k))[:200], '|', str(mb.get(k))[:200])
def h(p): return hashlib.sha256(gzip.open(p).read()).hexdigest()
print('snapshot equal:', h(os.path.join(A,base,'snapshot.csv.gz'))==h(os.path.join(B,base,'snapshot.csv.gz')))
za=zipfile.ZipFile(os.path.join(A,base,'customer-segments-2026-09-30.xlsx')); zb=zipfile.ZipFile(os.path.join(B,base,'customer-segments-2026-09-30.xlsx'))
na,nb=sorted(za.namelist()),sorted(zb.namelist())
print('xlsx parts equal:', na==nb)
rid=re.compile(rb'2026\d{4}T\d{6}Z-[0-9a-f]{6}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}| UTC)?')
nd=0
for n in na:
    a,b=za.read(n),zb.read(n)
    if a!=b:
        a2,b2=rid.sub(b'X',a),rid.sub(b'X',b)
        if a2!=b2:
            # Each element with the text that follows it, so that a value
            # that changed is not taken for an order that changed.
            if sorted(re.findall(rb'<[^>]+>[^<]*',a2))==sorted(re.findall(rb'<[^>]+>[^<]*',b2)):
                print('  xlsx part differs only in element order:',n)
                continue
            nd+=1; print('  xlsx part differs beyond ids/times:',n,len(a),len(b))
print('xlsx parts differing beyond ids/times:',nd)
ha=open(os.path.join(A,base,'customer-report-2026-09-30.html'),'rb').read(); hb=open(os.path.join(B,base,'customer-report-2026-09-30.html'),'rb').read()
print('html equal beyond ids/times:', rid.sub(b'X',ha)==rid.sub(b'X',hb), len(ha), len(hb))
