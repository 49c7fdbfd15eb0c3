from armsrace.cli import main

main()
