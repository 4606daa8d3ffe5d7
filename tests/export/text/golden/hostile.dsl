# archdraw export: Hostile "labels" <script>alert(1)</script> & ids (Structurizr DSL)
# positions not exported: the tool lays the diagram out itself
# link ids not exported
# zone kinds not expressible: every zone is a group
# newlines in labels written as spaces
# a backslash before a quote or at the end is written as U+29F5
# link 'style->style' dropped: Structurizr has no self-relationships
# id 'a.b' written as a_b_2
# id 'A_B' written as A_B_3
# id '1' written as n_1
# id '9lives' written as n_9lives
workspace "Hostile \"labels\" <script>alert(1)</script> & ids" "Labels and ids that break naive exporters." {
    model {
        properties {
            "structurizr.groupSeparator" "|"
        }
        archdraw_system = softwareSystem "Hostile \"labels\" <script>alert(1)</script> & ids" {
            group "Zone \"end\" [x] {y} (z) <b>bold</b>" {
                group "nested zone \ with backslash⧵" {
                    a_b = container "Same id after rewrite? a_b" "" "Service" "compute,service"
                    a-b = container "[brackets] {braces} (parens) |pipe| ;semi; #hash %% percent" "" "Relational database" "storage,database"
                }
                a_b_2 = container "Say \"hi\" <script>alert('x')</script>" "" "Service" "compute,service"
            }
            group "café ☕ 日本語 🚀" {
                group "@enduml ' single 'quotes' `tick`" {
                    A_B_3 = container "UPPER case id A_B" "" "Cache" "storage,cache"
                }
                n_1 = container "back\slash \N \n ⧵\" and trailing⧵" "" "Client" "client,client"
            }
            class = container "multi line label tab" "" "Queue" "messaging,queue"
            node = container "&amp; &lt; entity ${var} $HOME */ /* -->" "" "External API" "external,external_api"
            shape = container "  spaces around  " "" "Worker" "compute,worker"
            n_9lives = container "é́ combining and ​ zero width control" "" "LLM endpoint" "ai,llm"
            style = container "style" "" "Search index" "storage,search_index"
        }
        a_b_2 -> a_b "calls \"quoted\" | piped" "" "sync"
        a_b -> a-b "async <script>" "" "async"
        a-b -> A_B_3 "replicates newline" "" "replication"
        class -> n_1 "back\slash" "" "sync"
        class -> n_1 "" "" "async"
        n_1 -> node "&amp; ${x} @startuml" "" "sync"
        node -> shape "" "" "sync"
        shape -> n_9lives "" "" "replication"
        n_9lives -> a_b_2 "[x] {y}" "" "sync"
    }
    views {
        container archdraw_system "containers" {
            include *
            autolayout lr
        }
        styles {
            element "storage" {
                shape cylinder
                background #fffaeb
            }
            element "messaging" {
                shape pipe
                background #fdf2fa
            }
            element "client" {
                shape WebBrowser
                background #f2f4f7
            }
            relationship "sync" {
                dashed false
                color #475467
            }
            relationship "async" {
                dashed true
                color #c11574
            }
            relationship "replication" {
                dashed true
                color #b54708
                thickness 3
            }
        }
    }
}
