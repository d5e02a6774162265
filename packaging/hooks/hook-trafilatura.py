# trafilatura reads settings.cfg (and data/) beside its modules at import; its dependencies
# jusText (stop lists) and tld (the public suffix list, through courlan) read data files too.
from PyInstaller.utils.hooks import collect_data_files

datas = [d for package in ("trafilatura", "justext", "tld") for d in collect_data_files(package)]
