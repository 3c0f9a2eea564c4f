"""Top grid points distinguishable from each other: paired t (pairing: paired) vs Welch (pairing: independent).

Pairwise tests among the k best points of two results directories of configs/grid.yaml, Holm-adjusted over the
k(k-1)/2 pairs (the README figure of issue 15):
  npx sweep configs/grid.yaml --workers 2 --out /tmp/grid-paired --set pairing=paired
  npx sweep configs/grid.yaml --workers 2 --out /tmp/grid-independent --set pairing=independent
  python3 bench/paired_vs_independent.py 4      # needs scipy and numpy
"""
import csv, sys, itertools
from scipy import stats
import numpy as np
def load(d):
    pts={}
    for r in csv.DictReader(open(d+'/runs.csv')):
        k=(r['noise.placement'], r['noise.stddev']); pts.setdefault(k,{})[int(r['repeat'])]=float(r['test_accuracy'])
    return pts
def holm(ps):
    o=np.argsort(ps); m=len(ps); adj=[0]*m; run=0
    for i,j in enumerate(o): run=max(run,min(1,(m-i)*ps[j])); adj[j]=run
    return adj
for d,paired in [('/tmp/grid-paired',True),('/tmp/grid-independent',False)]:
    pts=load(d); top=sorted(pts,key=lambda k:-np.mean(list(pts[k].values())))[:int(sys.argv[1])]
    pairs=list(itertools.combinations(top,2)); ps=[]
    for a,b in pairs:
        x=[pts[a][i] for i in range(10)]; y=[pts[b][i] for i in range(10)]
        ps.append(stats.ttest_rel(x,y).pvalue if paired else stats.ttest_ind(x,y,equal_var=False).pvalue)
    adj=holm(ps); n=sum(p<0.05 for p in adj)
    print(d, 'top', [f"{a}{b}" for a,b in top], f"{n} of {len(pairs)} pairs distinguishable (Holm 5%)", ' '.join(f"{a[0]}{a[1]}-{b[0]}{b[1]}:{p:.3f}" for (a,b),p in zip(pairs,adj)))
