from tifa.cli import process_main

process_main()
