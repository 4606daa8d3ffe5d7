from archdraw.main import main

raise SystemExit(main())
