import json,sys,yaml
src,planjson,out=sys.argv[1:4]
d=yaml.safe_load(open(src)); p=json.load(open(planjson))
for c in p['changes']:
    a=d['answers'].setdefault(c['indicator'],{})
    if not isinstance(a,dict): a={'value':a}; d['answers'][c['indicator']]=a
    a.pop('status',None); a['value']=c['after']
    print(c['indicator'], c['state'], c['before'],'->',c['after'])
yaml.safe_dump(d,open(out,'w'),allow_unicode=True,sort_keys=False)
